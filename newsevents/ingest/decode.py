"""Bytes -> text: size, emptiness and binary checks, then encoding detection."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsevents.errors import BinaryInput, EmptyInput, InputTooLarge

# Magic numbers of formats people drop into folders by mistake.
BINARY_SIGNATURES = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF",
    b"RIFF", b"OggS", b"\x00\x00\x00", b"ID3", b"fLaC",
)  # fmt: skip


def check_size(size: int, source: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputTooLarge(
            source, f"{size:,} bytes is over the {max_bytes:,}-byte limit (NEWSEVENTS_MAX_BYTES)"
        )


def decode_bytes(data: bytes, source: str, *, max_bytes: int) -> str:
    """Decode an input's bytes, raising an InputError that names the input and the reason."""
    check_size(len(data), source, max_bytes)
    if not data.strip():
        raise EmptyInput(source)
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise BinaryInput(source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8. Mostly-ASCII text (English news) in a legacy encoding is nearly always Windows-1252
    # (Latin-1 plus smart quotes); detectors often guess a sibling code page from a few accented bytes.
    ascii_share = sum(b < 128 for b in data[:200_000]) / min(len(data), 200_000)
    if ascii_share > 0.9:
        try:
            return _checked(data.decode("cp1252"), source)
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
    return _checked(text, source)


def _checked(text: str, source: str) -> str:
    if _control_ratio(text) > 0.05:
        raise BinaryInput(source, "binary data, not text (too many control characters)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(sample)

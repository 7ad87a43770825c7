"""export: extractions and stored tables -> files other tools read (JSONL, CSV, Parquet, GDELT, PLOVER)."""

load httpfs;

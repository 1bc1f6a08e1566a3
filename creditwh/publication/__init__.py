"""Publication: the 双公示 and list files for the city platform, the data dictionary and the analysts' snapshot."""

"""Asset definitions, one module per warehouse layer."""

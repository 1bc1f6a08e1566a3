"""Policy what-if: the credit marts derived again under an alternative policy file, beside the live ones, and what
would change."""

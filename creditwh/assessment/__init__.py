"""Assessment: the 考核 indicators, the half-year and annual reports, the dashboard feeds and the dashboard."""

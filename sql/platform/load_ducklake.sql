load ducklake;

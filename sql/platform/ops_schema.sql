-- 运维簿记 / bookkeeping of the incremental builds and the validation, left out of the analysts' snapshot
create schema if not exists ops;

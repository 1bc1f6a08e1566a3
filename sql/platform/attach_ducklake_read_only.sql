-- Readers see the last committed snapshot and never block a writer.
attach if not exists {{catalog}} as warehouse (data_path {{data_path}}, read_only);
use warehouse;

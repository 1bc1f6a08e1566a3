-- The periods a day is reported in: its month, its half year and its year (one list, so the tallies and the
-- recount name them alike)
create or replace temp macro kpi_periods_of(on_day) as [
    { 'period_kind': 'month', 'period': strftime(on_day, '%Y-%m'),
      'period_start': date_trunc('month', on_day)::date,
      'period_end': (date_trunc('month', on_day) + interval 1 month - interval 1 day)::date },
    { 'period_kind': 'half_year',
      'period': year(on_day) || case when month(on_day) <= 6 then 'H1' else 'H2' end,
      'period_start': make_date(year(on_day), case when month(on_day) <= 6 then 1 else 7 end, 1),
      'period_end': case when month(on_day) <= 6 then make_date(year(on_day), 6, 30)
                         else make_date(year(on_day), 12, 31) end },
    { 'period_kind': 'year', 'period': year(on_day)::varchar,
      'period_start': make_date(year(on_day), 1, 1), 'period_end': make_date(year(on_day), 12, 31) }
];

-- How many periods (a month, a half year, a year each) had their tallies taken again, from the tallies given
select count(*) from (select distinct period_kind, period from {{tallies}});

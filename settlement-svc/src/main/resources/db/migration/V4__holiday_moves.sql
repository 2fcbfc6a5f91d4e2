-- Rule-based holidays (solar, lunar, fixed, Easter-based) are computed for every year; this table
-- keeps only what was announced for one year. An announcement may replace the day a rule computed
-- (a lunar holiday announced a day later): moves names that rule.
alter table holiday add column moves text;

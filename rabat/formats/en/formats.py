"""English dates as the dialogue writes them: day first, 24-hour clock.

Django's own English formats are American ("Sept. 11, 2013, 9 a.m.",
"09/11/2013"), which readers in Europe and Africa take for 9 November.
Formats not set here (input formats included) are Django's.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

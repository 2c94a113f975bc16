"""Small statistics files whose figures are worked out by hand in the tests (test_loading_rules.py)."""

from cairn.benchmarks.models import Measure
from cairn.benchmarks.operations import load_files

from .conftest import ees, neighbour_model

WORKFORCE = ees(
    "turnover_rate_fte,agency_rate_fte",
    "2025,National,,,,11.8,17.1",
    "2025,Regional,North East,,,12.5,10",
    "2025,Regional,London,,,15,20",
    "2025,Regional,East Midlands,,,14,12",
    "2025,Local authority,North East,808,Stockton-on-Tees,13.9,5",
    "2025,Local authority,North East,841,Darlington,10,low",
    "2025,Local authority,North East,390,Gateshead,c,c",
    '2025,Local authority,London,314 / 318,"Kingston upon Thames / Richmond upon Thames",20,x',
    "2025,Local authority,East Midlands,940 / 941,North Northamptonshire / West Northamptonshire,16.2,k",
    "2025,Local authority,London,201,City of London,c,c",
    "2025,Local authority,East Midlands,928,Northamptonshire,z,z",
    "2025,Local authority,North West,344,Wirral,9.5,3",
    "2021,National,,,,14,15",
    "2021,Local authority,North East,808,Stockton-on-Tees,14.1,4",
    "2021,Local authority,East Midlands,928,Northamptonshire,17.9,2",
    "2021,Local authority,East Midlands,940,North Northamptonshire,z,z",
    "2021,Local authority,East Midlands,941,West Northamptonshire,z,z",
)
MODEL = neighbour_model(
    {"808": ("Stockton-on-Tees", "North East", ["841", "390", "318", "941", "344", "201", "352", "353", "354", "355"]),
     "318": ("Richmond upon Thames", "London", ["314", "808", "841", "390", "344", "201", "352", "353", "354", "355"])},
)
DICTIONARY = (
    b'"Measure_code","Topic","Measure","Chart_title","Measure_short","Polarity","dps"\n'
    b'"1","Workforce","Turnover","Social worker turnover rate (FTE) %","Work_Force_TO_Rate","Low","1"\n'
)


def sample_measure() -> Measure:
    """turnover_rate_fte from the small files above, loaded once (with polarity Low from the dictionary)."""
    load_files([("csww.csv", WORKFORCE), ("sn.csv", MODEL), ("lait_data_dictionary.csv", DICTIONARY)])
    return Measure.objects.get(name="turnover_rate_fte")

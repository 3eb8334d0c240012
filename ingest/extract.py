"""Entity extraction over a clean record. (Provisional: fills nothing yet.)"""


def warm_up():
    """Load the models once per process, before the first article."""


def extract(record):
    return record

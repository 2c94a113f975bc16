"""Why a file cannot be read, in words for the person who gave it; never a traceback."""


class ExtractionError(Exception):
    """A file Cairn cannot read; `message` names the file and the problem."""

    code = "unreadable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyFile(ExtractionError):
    code = "empty"


class UnsupportedFile(ExtractionError):
    code = "unsupported"


class CorruptFile(ExtractionError):
    code = "corrupt"


class PasswordProtected(ExtractionError):
    code = "password"


class FileTooLarge(ExtractionError):
    code = "too_large"


class ColumnMappingError(ExtractionError):
    code = "mapping"


class TooMuchWork(ExtractionError):
    """A file past one of the bounds on the work a file may make (`limits.py`): the message names the bound."""

    code = "limit"

"""Each format's reader: what a person sees in the file becomes the same lines of cells."""

import datetime as dt
import io

from cairn.imports.parsers import extract
from cairn.imports.parsers.readers import read


def cells(data: bytes, name: str) -> list[list[str]]:
    return [line.cells for line in read(data, name).lines]


def test_markdown_tables_lose_their_markup_and_keep_line_breaks():
    text = b"## **Title**\n\n| <b>No.</b> | Proposed Actions |\n|---|---|\n| 1 | Implement.<br><br>Proposals |\n"
    assert cells(text, "plan.md") == [["Title"], ["No.", "Proposed Actions"], ["1", "Implement.\n\nProposals"]]


def test_a_merged_word_table_cell_is_read_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    merged.text = "Lead and finance"
    table.cell(0, 0).text = "No"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "Head of Service"
    out = io.BytesIO()
    document.save(out)
    assert cells(out.getvalue(), "plan.docx") == [["No", "Lead and finance"], ["1", "Head of Service"]]


def test_spreadsheet_values_read_as_a_person_sees_them():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Saving", 48000, 30.3, dt.datetime(2012, 9, 3), None, True])
    out = io.BytesIO()
    workbook.save(out)
    assert cells(out.getvalue(), "plan.xlsx") == [["Saving", "48000", "30.3", "03/09/2012", "", "Yes"]]


def test_semicolon_separated_values_are_read_as_columns():
    assert cells("No;Recommendation\n1;Do it\n".encode(), "plan.csv") == [["No", "Recommendation"], ["1", "Do it"]]


def test_text_in_an_old_encoding_is_read():
    assert cells("Saving of £48,000 – agreed".encode("cp1252"), "note.txt") == [["Saving of £48,000 – agreed"]]


def test_pdf_lines_broken_at_a_hyphen_join_without_a_space(tmp_path):
    from cairn.reports.pdf import compile_paper

    (tmp_path / "note.typ").write_text(
        '#set page(width: 60mm, height: 80mm, margin: 4mm)\n#set text(font: "DejaVu Sans", size: 9pt, top-edge: "ascender", '
        'bottom-edge: "descender")\n'
        '#set par(leading: 0.1em, spacing: 6pt)\n#for line in json("paper.json").lines { par(line) }'
    )
    first = "Progress across Stockton-on-Tees and Middlesbrough-on-Tees partnerships continues"
    lines = cells(compile_paper({"lines": [first, "Second"]}, layout=tmp_path / "note.typ"), "note.pdf")
    assert lines == [[first], ["Second"]]


def test_a_paper_with_a_markdown_table_of_recommendations_reads_as_an_action_plan():
    text = (
        "| No. | Recommendation | Proposed Actions | Completion Date | Lead Responsibility |\n"
        "|---|---|---|---|---|\n"
        "| 1 | That a team is created | Advertise post Appoint manager | Mar 2010 June 10 | Head of Service |\n"
    ).encode()
    extraction = extract(text, "plan.md").to_json()
    steps = extraction["recommendations"][0]["steps"]
    assert extraction["document"]["family"] == "action_plan"
    assert [(s["action"], s["due"]) for s in steps] == [("Advertise post", "2010-03-31"), ("Appoint manager", "2010-06-30")]


def test_a_quote_written_twice_in_a_csv_cell_past_the_first_rows_keeps_its_row_whole():
    """The dialect is guessed from the file's start: a quoted title further down must not end its row."""
    rows = [f"{n},Recruit foster carers in area {n} {'and more ' * 40},Head of Service" for n in range(1, 40)]
    rows.append('40,"Implement the paper ""An Approach to Equal Opportunities"".\nAchieved.",Head of Service')
    extraction = extract(("No,Recommendation,Lead\n" + "\n".join(rows) + "\n").encode(), "tracker.csv").to_json()
    assert len(extraction["recommendations"]) == 40
    last = extraction["recommendations"][-1]
    assert (last["text"], last["lead"]) == ('Implement the paper "An Approach to Equal Opportunities". Achieved.',
                                           "Head of Service")

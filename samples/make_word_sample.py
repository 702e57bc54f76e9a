"""Builds samples/case-note.docx: a case-note template (a table) and a narrative, as councils keep them.

    python3 samples/make_word_sample.py
"""
from pathlib import Path

import docx
from docx.shared import Pt

doc = docx.Document()
doc.add_heading("Housing Options: case note", level=1)
table = doc.add_table(rows=4, cols=2)
table.style = "Table Grid"
rows = [
    ("Case reference", "HO-2026-0193"),
    ("Officer", "Housing Options Officer (K. Patel)"),
    ("Reason for contact", "Ms Okafor disclosed domestic abuse by her ex-partner, Lee Grant."),
    ("Risk", "DASH completed by phone: the officer judged it low risk."),
]
for (label, value), row in zip(rows, table.rows):
    row.cells[0].text = label
    row.cells[1].text = value
p = doc.add_paragraph()
p.add_run("Narrative. ").bold = True
p.add_run("Ms Okafor said they have a volatile relationship and that he has been ")
run = p.add_run("abusive")
run.italic = True
p.add_run(" to her since the summer. She refused to engage with the police last year.")
p = doc.add_paragraph("She fled an abusive relationship in 2021. She told me: \u201cI just refused to let him in.\u201d")
p = doc.add_paragraph("Actions: advised on the sanctuary scheme; will call back on Friday.")
for para in doc.paragraphs:
    for r in para.runs:
        r.font.size = Pt(11)
out = Path(__file__).with_name("case-note.docx")
doc.save(out)
print(f"wrote {out}")

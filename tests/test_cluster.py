"""`notelint audit --scheduler`: the per-note work on a real Dask distributed cluster (two worker
processes on this machine) gives exactly the outputs of the single-process audit."""
import csv
import json
import random

import pytest

from conftest import cli as run, need_module

SENTENCES = ["Ms Dara Quinn disclosed that her partner hit her.", "DASH 16, high risk.", "She refused to engage.",
             "MARAC referral made today.", "They have a volatile relationship.", "She has two children.",
             "Call her on 07700 900123.", "The boiler failed again.", "She is not pregnant.",
             "She let him back in.", "Police attended.", "I consider this low risk."]


@pytest.fixture()
def export(tmp_path):
    rnd = random.Random(5)
    p = tmp_path / "export.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Note ID", "Case Ref", "Date", "Team", "Officer", "Case Note"])
        for i in range(700):  # several batches of 256
            w.writerow([f"N{i}", f"C{rnd.randint(1, 200)}", f"2026-{rnd.randint(1, 12):02d}-03",
                        rnd.choice(["North", "South"]), f"Officer {rnd.randint(1, 9)}",
                        " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 7)))])
    return p


def _outputs(out):
    summary = json.loads((out / "summary.json").read_text())
    for key in ("generated", "elapsed_seconds", "notes_per_second"):
        summary.pop(key)
    return ((out / "findings.csv").read_text(encoding="utf-8"), (out / "cases.csv").read_text(encoding="utf-8"),
            summary)


def test_audit_on_a_dask_cluster_equals_the_single_process_audit(export, tmp_path):
    distributed = need_module("dask.distributed", "Dask distributed (pip install '.[cluster]')")
    r = run("audit", export, "-o", tmp_path / "one", "--jobs", "1", "--quiet", "--author-names")
    assert r.exit_code == 0, r.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        r = run("audit", export, "-o", tmp_path / "dask", "--scheduler", cluster.scheduler_address, "--quiet",
                "--author-names")
        assert r.exit_code == 0, r.output
        with distributed.Client(cluster) as client:  # the work ran on the workers, not in this process
            ran = client.run(lambda: __import__("notelint.audit").audit._WORKER.get("warm", 0))
            assert len(ran) == 2 and sum(ran.values()) == 700
    one, dask, = _outputs(tmp_path / "one"), _outputs(tmp_path / "dask")
    assert one[0] == dask[0] and one[0].count("\n") > 100        # same findings.csv rows, in the same order
    assert one[1] == dask[1]                                      # same cases.csv
    assert one[2] == dask[2]                                      # same figures


def test_an_unreachable_scheduler_is_one_line_and_exit_2(export, tmp_path):
    need_module("dask.distributed", "Dask distributed (pip install '.[cluster]')")
    r = run("audit", export, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9", "--quiet")
    assert r.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "out" / "report.html").exists()

"""The pure helpers of scripts/benchmark_pages.py (the benchmark itself is not
run by the tests: `make bench`)."""

import importlib.util
import math
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark_pages.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("benchmark_pages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WRK_OUTPUT = """\
Running 6s test @ http://127.0.0.1:40123/fr/focal-points/forums/topics/7/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   112.31ms   20.10ms 310.52ms   75.00%
    Req/Sec    35.12      8.40    50.00     70.00%
  Latency Distribution
     50%  108.20ms
     75%  120.01ms
     90%  140.77ms
     99%    1.02s
  421 requests in 6.01s, 12.40MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:     70.05
Transfer/sec:      2.06MB
"""


def test_wrk_output_gives_requests_latencies_and_errors(bench):
    result = bench.parse_wrk_output(WRK_OUTPUT)

    assert result.requests == 421
    assert result.seconds == pytest.approx(6.01)
    assert result.p50_ms == pytest.approx(108.2)
    assert result.p99_ms == pytest.approx(1020)
    assert result.non_2xx == 4
    assert result.socket_errors == 3
    assert result.per_second == pytest.approx(421 / 6.01)


def test_wrk_output_without_errors(bench):
    output = "\n".join(
        line
        for line in WRK_OUTPUT.splitlines()
        if not line.lstrip().startswith(("Socket", "Non-2xx"))
    )
    result = bench.parse_wrk_output(output.replace("1.02s", "950.00us"))

    assert (result.non_2xx, result.socket_errors) == (0, 0)
    assert result.p99_ms == pytest.approx(0.95)


def test_unexpected_wrk_output_is_refused(bench):
    with pytest.raises(ValueError, match="unexpected wrk output"):
        bench.parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused")


@pytest.mark.parametrize(
    ("value", "milliseconds"),
    [("512.00us", 0.512), ("3.21ms", 3.21), ("1.50s", 1500), ("2.00m", 120_000)],
)
def test_wrk_durations_in_milliseconds(bench, value, milliseconds):
    assert bench.parse_duration_ms(value) == pytest.approx(milliseconds)


def test_proc_stat_gives_parent_and_cpu_even_with_parentheses_in_the_name(bench):
    # /proc/<pid>/stat of a gunicorn worker whose name holds ") (" and spaces.
    fields = ["S", "4242"] + ["0"] * 9 + ["1234", "56"] + ["0"] * 39
    text = "4300 (gunicorn: worker [a) (b]) " + " ".join(fields) + "\n"

    stat = bench.parse_proc_stat(text)

    assert (stat.pid, stat.ppid, stat.cpu_ticks) == (4300, 4242, 1234 + 56)


def test_proc_stat_of_this_process(bench):
    import os

    stat = bench.parse_proc_stat(Path("/proc/self/stat").read_text())

    assert stat.pid == os.getpid()
    assert stat.ppid == os.getppid()
    assert stat.cpu_ticks >= 0


def test_cpu_per_request(bench):
    # 250 ticks of 10 ms for 1,000 requests: 2.5 ms each.
    assert bench.cpu_ms_per_request(250, 1_000, 100) == pytest.approx(2.5)
    assert math.isnan(bench.cpu_ms_per_request(10, 0, 100))


PROC_NET_TCP = """\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid
   0: 0100007F:9C40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0
   1: 0100007F:9C40 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0
   2: 0100007F:9C40 0100007F:D432 08 00000000:00000000 00:00000000 00000000     0
   3: 0100007F:9C40 0100007F:D433 06 00000000:00000000 03:00000000 00000000     0
   4: 0100007F:D431 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0
"""


def test_open_connections_of_a_server_port(bench):
    # Port 0x9C40 = 40000: one established, one whose client left (CLOSE_WAIT);
    # neither the listening socket, nor TIME_WAIT, nor the client's own side.
    assert bench.open_connections(PROC_NET_TCP, 40000) == 2
    assert bench.open_connections(PROC_NET_TCP, 40001) == 0


def test_page_filter_keeps_the_baseline(bench):
    keys = [page.key for page in bench.select_pages(bench.PAGES, "topic")]

    assert keys == ["hello", "fortunes", "topic", "topic-last", "machina-topic"]
    assert bench.select_pages(bench.PAGES, None) == bench.PAGES


def test_table_gives_ratios_to_fortunes_and_hello(bench):
    pages = {page.key: page for page in bench.PAGES}
    result = bench.WrkResult(requests=100, seconds=2.0, p50_ms=5.0, p99_ms=9.0)
    figures = []
    for key, cpu_runs in [
        ("hello", [0.5]),
        ("fortunes", [2.0]),
        ("topic", [70, 80, 90]),
    ]:
        figure = bench.PageFigures(pages[key], queries=3, kilobytes=38.25)
        for cpu_ms in cpu_runs:
            figure.add(result, cpu_ms)
        figures.append(figure)

    table = bench.format_table(figures).splitlines()

    assert table[-1] == (
        "| topic of 200 posts, page 1 | 3 | 38.2 | 80.0 (70.0-90.0) | 40.0 | 160.0 "
        "| - | 5.00 | 9.00 | 50.0 |"
    )

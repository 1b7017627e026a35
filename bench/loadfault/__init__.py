"""The load-and-fault test (issue 16): a small BMNN cluster on loopback — PostgreSQL, two web
processes behind nginx, two workers — under simulated officers, heads and supervisors, with
one web process and one worker killed and PostgreSQL restarted midway; afterwards every write
that was answered with success must be found in the database.

`cluster` starts and stops the processes, `client` is the simulated people, `django_side`
holds the small programs that run inside the cluster's Django (preparing users, enqueueing
marker tasks, looking the writes up), `run` puts it together and `figures` turns the samples
into the table. `bench/test_bench_load_fault.py` is the pytest entry.
"""

# in the shared file store: one line per start of a marker task ("token pid")
MARKER_STARTS = "loadfault-starts.log"

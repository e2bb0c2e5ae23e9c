"""Long work outside the request: certificate batches, mail, RNCP imports, GDPR exports, the deadline sweep.

`enqueue()` records a `JobRun` (flush only); the caller commits, then `start()` hands it to
RQ on Redis when `JOB_QUEUE_URL` (or `REDIS_URL`) is set, or runs it in-process right away
when no queue is configured (`make run`, the tests by default). docs/deployment.md says why RQ.
"""

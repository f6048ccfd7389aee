"""What an operator of a multi-node installation needs (issue #23): a request id carried from
the balancer through the logs (``requestid``), JSON log lines (``logs``), Prometheus metrics
(``metrics``) and readiness (``readiness``). Nothing here reads or writes case content."""

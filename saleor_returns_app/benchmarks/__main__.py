"""Run every benchmark and print its figures."""

from saleor_returns_app.benchmarks.webhook_ingest import main

if __name__ == "__main__":
    main()

"""Runs localstripe (a fake Stripe server) on loopback for `make run` and the tests.

localstripe's own CLI listens on every interface and keeps its data in a shared
/tmp file; this starts the same aiohttp app on 127.0.0.1 only, with its data kept
in memory (or in a file of our choosing), and registers the shop's webhook.

    python -m shop.payments.localstripe_server --port 8420 \
        --webhook-url http://127.0.0.1:8000/payments/stripe/webhook/ --webhook-secret whsec_...
"""

import argparse
import os
import pickle
import sys
import time


def _keep_store_in(path):
    """Point localstripe's persistence at `path` (None: memory only)."""
    from localstripe import resources

    def dump_to_disk(self):
        if path:
            with open(path, "wb") as f:
                pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)

    def try_load_from_disk(self):
        if path and os.path.exists(path):
            with open(path, "rb") as f:
                self.clear()
                self.update(pickle.load(f))

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = try_load_from_disk


def serve(*, port, webhook_url=None, webhook_secret=None, data_file=None, host="127.0.0.1"):
    _keep_store_in(data_file)
    from aiohttp import web
    from localstripe.resources import store
    from localstripe.server import app
    from localstripe.webhooks import register_webhook

    store.try_load_from_disk()
    if webhook_url:
        register_webhook("shop", webhook_url, webhook_secret, None)
    print(f"localstripe on http://{host}:{port}, webhooks to {webhook_url}", flush=True)
    web.run_app(app, host=host, port=port, print=None)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0 only inside a container (compose demo)")
    parser.add_argument("--webhook-url")
    parser.add_argument("--webhook-secret", default=os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_localstripe"))
    parser.add_argument("--data-file", help="keep localstripe's objects across restarts in this file")
    args = parser.parse_args(argv)
    if os.environ.get("STRIPE_SECRET_KEY"):
        # Real Stripe keys: nothing to fake. Stay up so `honcho` keeps the other processes.
        print("STRIPE_SECRET_KEY is set: the shop uses Stripe, localstripe is not started.", flush=True)
        while True:
            time.sleep(3600)
    serve(port=args.port, webhook_url=args.webhook_url, webhook_secret=args.webhook_secret,
          data_file=args.data_file, host=args.host)


if __name__ == "__main__":
    sys.exit(main())

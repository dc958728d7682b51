"""A tiny keep-alive HTTPS client for KubeSim benchmarks (standard library only)."""
import base64
import http.client
import json
import os
import ssl
import subprocess
import tempfile
import time


class KubeSim:
    """Starts `kube-sim serve` and talks to it with the client certificate from its kubeconfig."""

    def __init__(self, binary, args):
        self.dir = tempfile.mkdtemp(prefix="kubesim-bench-")
        self.kubeconfig = os.path.join(self.dir, "kubeconfig")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [binary, "serve", "--port", "0", "--kubeconfig-out", self.kubeconfig] + args,
            stdout=subprocess.PIPE, stderr=open(os.path.join(self.dir, "stderr"), "w"), text=True)
        line = self.process.stdout.readline().strip()
        self.ready_seconds = time.monotonic() - self.started
        if not line.startswith("ready "):
            raise RuntimeError(f"kube-sim did not start: {line!r}")
        self.url = line.split(" ", 1)[1]
        host_port = self.url.split("://", 1)[1]
        self.host, port = host_port.rsplit(":", 1)
        self.port = int(port)
        self._write_credentials()

    def _write_credentials(self):
        values = {}
        with open(self.kubeconfig) as handle:
            for raw in handle:
                line = raw.strip()
                for key in ("certificate-authority-data", "client-certificate-data", "client-key-data"):
                    if line.startswith(key + ":"):
                        values[key] = base64.b64decode(line.split(":", 1)[1].strip())
        self.paths = {}
        for key, data in values.items():
            path = os.path.join(self.dir, key + ".pem")
            with open(path, "wb") as handle:
                handle.write(data)
            self.paths[key] = path
        self.context = ssl.create_default_context(cafile=self.paths["certificate-authority-data"])
        self.context.check_hostname = False
        self.context.load_cert_chain(self.paths["client-certificate-data"], self.paths["client-key-data"])

    def connection(self, timeout=120):
        return http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=timeout)

    def request(self, connection, method, path, body=None, content_type="application/json"):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = content_type
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        return response.status, payload

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.process.terminate()
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

"""The local Neo4j: assembled from Maven Central, started in the background on loopback, stopped cleanly.

Only for the demo and the tests. Production points NEO4J_URI at a real server, cluster or Aura.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

from graph.config import Neo4jSettings, pokin_home

SERVER_SOURCES = Path(__file__).resolve().parent / "neo4j_server"
POM = SERVER_SOURCES / "pom.xml"
LAUNCHER = SERVER_SOURCES / "PokinNeo4j.java"

# The flags Neo4j's own start scripts pass on Java 17, so Netty and the page cache may use NIO internals.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
]


class ServerError(RuntimeError):
    """The local Neo4j could not be assembled, started or stopped; the message says why."""


@dataclass(frozen=True)
class LocalServer:
    """One local Neo4j instance: where its data lives and which loopback port it listens on."""

    data_dir: Path
    port: int = 7687
    heap: str = "1g"
    page_cache_bytes: int = 512 * 1024 * 1024
    password: str = Neo4jSettings().password
    # The most heap one transaction may hold (db.memory.transaction.max); None: half the heap, so one runaway
    # query fails with a memory error instead of taking the server's heap from everyone else.
    transaction_memory: str | None = None

    @classmethod
    def default(cls) -> LocalServer:
        settings = Neo4jSettings.from_env()
        return cls(
            data_dir=pokin_home() / "neo4j" / "data",
            port=int(os.environ.get("POKIN_NEO4J_PORT", "7687")),
            heap=os.environ.get("POKIN_NEO4J_HEAP", "1g"),
            page_cache_bytes=_bytes(os.environ.get("POKIN_NEO4J_PAGECACHE", "512m")),
            password=settings.password,
            transaction_memory=os.environ.get("POKIN_NEO4J_TX_MEMORY") or None,
        )

    @classmethod
    def in_folder(cls, data_dir: Path, password: str) -> LocalServer:
        """The server of the store in `data_dir`: on the port it listens on when it runs there (its port file),
        else on a free loopback port."""
        data_dir = Path(data_dir).resolve()
        server = cls(data_dir, free_port(), password=password)
        try:
            port = int((data_dir / "pokin-neo4j.port").read_text().strip())
        except (FileNotFoundError, ValueError):
            return server
        return cls(data_dir, port, password=password) if server.pid() is not None else server

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "pokin-neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "pokin-neo4j.log"

    @property
    def conf_file(self) -> Path:
        return self.data_dir / "neo4j.conf"

    def settings(self) -> dict[str, str]:
        """The server settings pokin sets beyond the launcher's own (loopback Bolt, password, page cache).

        `db.memory.transaction.max` bounds the heap of each transaction: an analyst query building a huge
        list or string fails with Neo.TransientError.General.MemoryPoolOutOfMemoryError. Time is bounded per
        transaction by the driver (graph.db.Runner sets a server-side timeout on every transaction), so
        `db.transaction.timeout` is not needed here.
        """
        memory = _bytes(self.transaction_memory) if self.transaction_memory else _bytes(self.heap) // 2
        return {"db.memory.transaction.max": str(memory)}

    def write_conf(self) -> None:
        """Write neo4j.conf (read by the launcher at start) from `settings()`."""
        lines = [f"{name}={value}" for name, value in sorted(self.settings().items())]
        self.conf_file.write_text(
            "# written by pokin (graph/launcher/server.py) at every start; edits are lost\n" + "\n".join(lines) + "\n"
        )

    def pid(self) -> int | None:
        """The server's process id if it is alive, else None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _alive(pid):  # also reaps a killed server that was our child (else it lingers as a zombie)
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def is_running(self) -> bool:
        return self.pid() is not None and self.answers()

    def answers(self) -> bool:
        """True when Bolt accepts our credentials, not merely when the port is open."""
        try:
            with neo4j.GraphDatabase.driver(self.uri, auth=("neo4j", self.password), connection_timeout=2.0) as driver:
                driver.verify_connectivity()
            return True
        except Exception:  # noqa: BLE001 - any failure means "not (yet) answering"
            return False

    def start(self, timeout: float = 180.0) -> str:
        """Start in the background and wait until Bolt answers; a running instance is left as it is."""
        if self.pid() is not None:
            if self._wait_until_answering(timeout, None):
                return self.uri
            raise ServerError(f"Neo4j process {self.pid()} runs but does not answer on {self.uri}; see {self.log_file}")
        deadline = time.monotonic() + 10  # a server killed a moment ago releases its port a moment later
        while _port_in_use(self.port) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _port_in_use(self.port):
            raise ServerError(
                f"port {self.port} is already in use by another program; set POKIN_NEO4J_PORT or stop that program"
            )
        classpath = ensure_assembled()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.write_conf()
        env = dict(os.environ, NEO4J_PASSWORD=self.password)
        with open(self.log_file, "ab") as log:
            process = subprocess.Popen(
                [
                    _java(),
                    f"-Xmx{self.heap}",
                    "-Xms128m",
                    *JVM_FLAGS,
                    "-cp",
                    classpath,
                    "PokinNeo4j",
                    str(self.data_dir),
                    str(self.port),
                    str(self.page_cache_bytes),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                cwd=self.data_dir,
            )
        self.pid_file.write_text(str(process.pid))
        (self.data_dir / "pokin-neo4j.port").write_text(str(self.port))
        if not self._wait_until_answering(timeout, process):
            self.stop()
            raise ServerError(
                f"Neo4j did not answer on {self.uri} within {timeout:.0f} s; last log lines:\n{_tail(self.log_file)}"
            )
        return self.uri

    def stop(self, timeout: float = 90.0) -> bool:
        """Clean shutdown (SIGTERM runs Neo4j's shutdown hook); True if a server was stopped."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _wait_until_answering(self, timeout: float, process: subprocess.Popen | None) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise ServerError(
                    f"Neo4j exited with code {process.returncode}; last log lines:\n{_tail(self.log_file)}"
                )
            if _port_in_use(self.port) and self.answers():
                return True
            time.sleep(0.5)
        return False


def ensure_assembled() -> str:
    """Download the Neo4j jars once (keyed by the pom's hash) and compile the launcher; return the classpath.

    Several processes may start at once on a fresh machine (the test workers, a demo beside a test run):
    one downloads under a file lock while the others wait for it and then find the jars in place."""
    base = pokin_home() / "neo4j"
    base.mkdir(parents=True, exist_ok=True)
    with (base / ".assemble.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _assemble(base)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _assemble(base: Path) -> str:
    """ensure_assembled's work, under its lock."""
    lib = base / "lib"
    classes = base / "classes"
    stamp = lib / ".pom-sha256"
    pom_hash = hashlib.sha256(POM.read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == pom_hash):
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is needed once to fetch Neo4j from Maven Central; install it "
                "(e.g. apt-get install maven) or point NEO4J_URI at an existing server"
            )
        staging = base / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}",
                "-DincludeScope=runtime",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise ServerError(f"fetching Neo4j with Maven failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        stamp.write_text(pom_hash)
    # One folder per launcher text: checkouts with different launchers share the jars but never each
    # other's compiled class. Compiled aside, then renamed, so a concurrent start never sees half a folder.
    classes = classes / hashlib.sha256(LAUNCHER.read_bytes()).hexdigest()[:16]
    if not (classes / "PokinNeo4j.class").exists():
        javac = shutil.which("javac")
        if javac is None:
            raise ServerError("a JDK 17 (javac) is needed to build the Neo4j launcher")
        staging = classes.with_name(f"{classes.name}.partial-{os.getpid()}")
        staging.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [javac, "-d", str(staging), "-cp", f"{lib}/*", str(LAUNCHER)], capture_output=True, text=True
        )
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise ServerError(f"compiling the launcher failed:\n{result.stderr[-3000:]}")
        try:
            staging.rename(classes)
        except OSError:  # another process compiled the same launcher meanwhile
            shutil.rmtree(staging, ignore_errors=True)
    return f"{classes}{os.pathsep}{lib}/*"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (killed, not yet reaped by a parent that is not us) is not a running server
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise ServerError("Java 17 is needed to run the local Neo4j")
    return java


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def _bytes(size: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    size = size.strip().lower()
    if size and size[-1] in units:
        return int(float(size[:-1]) * units[size[-1]])
    return int(size)

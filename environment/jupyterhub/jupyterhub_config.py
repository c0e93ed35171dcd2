# JupyterHub for a class on one machine: each student logs in and gets a separate single-user server
# (JupyterLab) with the course kernel, their own copy of the lessons, and a memory and CPU limit.
# Set up with environment/jupyterhub/install.sh, start with environment/jupyterhub/start.sh (as root);
# environment/jupyterhub/README.md explains every setting below.
#
# Settings a teacher changes, as environment variables (defaults in brackets):
#   DL10_HUB_URL           where students connect                                [http://:8000]
#   DL10_HUB_STATE         the hub's database, cookie secret, passwords, logs    [/var/lib/dl10-hub]
#   DL10_HUB_CLASS_LIST    file with one student name per line (who may log in)  [$DL10_HUB_STATE/class-list.txt]
#   DL10_HUB_ADMINS        teachers' names, comma-separated (admin page)         [none]
#   DL10_HUB_MEM_LIMIT     memory per student: server, kernels, everything       [2G, as on Binder]
#   DL10_HUB_CPU_LIMIT     CPUs per student                                      [1]
#   DL10_HUB_IDLE_TIMEOUT  seconds without activity before a server is stopped   [3600]
#   DL10_HUB_SSL_KEY, DL10_HUB_SSL_CERT   serve HTTPS with this key and certificate
#   DL10_VENV              the course's Python environment                       [.venv in the checkout]
# For the course's own tests only (refused unless the hub listens on loopback):
#   DL10_HUB_SPAWNER=simple  all students run as the hub's user, homes under $DL10_HUB_STATE/homes
#   DL10_HUB_AUTH=dummy      any password is accepted
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

here = Path(__file__).resolve().parent
root = here.parent.parent
venv = Path(os.environ.get("DL10_VENV", root / ".venv"))
state = Path(os.environ.get("DL10_HUB_STATE", "/var/lib/dl10-hub"))
state.mkdir(parents=True, exist_ok=True)


def fail(message):
    sys.exit(f"dl10 class hub: {message}")


# --- where the hub listens, and its state ---------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("DL10_HUB_URL", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.command = [str(here / "node_modules" / ".bin" / "configurable-http-proxy")]
if os.environ.get("DL10_HUB_SSL_KEY"):
    c.JupyterHub.ssl_key = os.environ["DL10_HUB_SSL_KEY"]
    c.JupyterHub.ssl_cert = os.environ["DL10_HUB_SSL_CERT"]
on_loopback = urlparse(c.JupyterHub.bind_url).hostname in ("127.0.0.1", "localhost", "::1")

# --- who may log in --------------------------------------------------------------------------------
class_list = Path(os.environ.get("DL10_HUB_CLASS_LIST", state / "class-list.txt"))
if not class_list.is_file():
    fail(f"no class list at {class_list}: write one student name per line (or set DL10_HUB_CLASS_LIST)")
students = {line.strip() for line in class_list.read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#")}
if not students:
    fail(f"the class list {class_list} names nobody")
c.Authenticator.allowed_users = students
c.Authenticator.admin_users = {name.strip() for name in os.environ.get("DL10_HUB_ADMINS", "").split(",") if name.strip()}

auth = os.environ.get("DL10_HUB_AUTH", "firstuse")
if auth == "firstuse":
    # The first login of a name on the class list sets its password; later logins must match it.
    c.JupyterHub.authenticator_class = "firstuse"
    c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
    c.FirstUseAuthenticator.create_users = False
    c.FirstUseAuthenticator.min_password_length = 8
elif auth == "dummy":
    if not on_loopback:
        fail("DL10_HUB_AUTH=dummy accepts any password and is only allowed on a loopback address")
    c.JupyterHub.authenticator_class = "dummy"
else:
    fail(f"unknown DL10_HUB_AUTH={auth!r}: use firstuse (the default) or, for tests, dummy")

# --- each student's server -------------------------------------------------------------------------
# The wrapper copies the lessons into the student's home on every start (new lessons appear, the
# student's own edits are kept) and runs JupyterHub's single-user server from the course's venv.
c.Spawner.cmd = [str(here / "singleuser.sh")]
c.Spawner.default_url = "/lab/tree/notebooks"
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=dl10-java"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = os.environ.get("DL10_HUB_MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(os.environ.get("DL10_HUB_CPU_LIMIT", "1"))
c.Spawner.environment = {
    "DL10_VENV": str(venv),
    "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    # The lessons read the course's data from the checkout (read-only for students).
    "DL10_DATA": str(root / "data"),
    # PyTorch's native libraries, extracted once by install.sh and shared by every student's kernel:
    # no copy per student, no wait at the first cell, and one copy of the pages in memory.
    "ENGINE_CACHE_DIR": str(venv / "share" / "djl"),
}

spawner = os.environ.get("DL10_HUB_SPAWNER", "systemd")
if spawner == "systemd":
    # One transient systemd unit per student, run as a dynamic user with a private home in
    # /var/lib/<name>; systemd enforces the limits (MemoryMax, CPUQuota): a student whose kernel
    # outgrows the memory limit loses that kernel, not the machine.
    if not Path("/run/systemd/system").is_dir():
        fail("this machine does not run systemd, which the hub needs to give each student a separate, "
             "limited server; use a machine or VM with systemd, or Zero to JupyterHub (z2jh-values.yaml)")
    c.JupyterHub.spawner_class = "systemd"
    # The units outlive the hub: restarting it (say, for a new class list) leaves students working.
    c.JupyterHub.cleanup_servers = False
    c.SystemdSpawner.dynamic_users = True
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
elif spawner == "simple":
    if not on_loopback:
        fail("DL10_HUB_SPAWNER=simple runs every student as the hub's user and is only allowed on a loopback address")
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
    if os.geteuid() == 0:  # CI runs as root; the servers then run as root too
        c.Spawner.args.append("--ServerApp.allow_root=True")
else:
    fail(f"unknown DL10_HUB_SPAWNER={spawner!r}: use systemd (the default) or, for tests, simple")

# --- stop idle servers -----------------------------------------------------------------------------
idle_timeout = int(os.environ.get("DL10_HUB_IDLE_TIMEOUT", "3600"))
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle_timeout}", "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

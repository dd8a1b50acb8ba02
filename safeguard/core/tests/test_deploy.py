import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_check(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **extra_env})
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        {
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Hq2vL9pR4tW8zK" * 3,
            "DJANGO_ALLOWED_HOSTS": "safeguard.example.org",
            "DATABASE_URL": "postgresql://app:app@127.0.0.1:5432/app",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = run_check({"DJANGO_ALLOWED_HOSTS": "safeguard.example.org", "DATABASE_URL": "postgresql://a:b@127.0.0.1/app"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

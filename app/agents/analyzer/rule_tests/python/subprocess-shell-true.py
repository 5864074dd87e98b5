import subprocess


def archive(path, url):
    # ruleid: python.subprocess-shell-true
    subprocess.run("tar czf backup.tgz " + path, shell=True)
    # ruleid: python.subprocess-shell-true
    subprocess.check_output(f"git clone {url}", shell=True)
    # ruleid: python.subprocess-shell-true
    subprocess.Popen(args=url, shell=True)


def archive_safely(path):
    # ok: python.subprocess-shell-true
    subprocess.run(["tar", "czf", "backup.tgz", path], check=True)
    # ok: python.subprocess-shell-true
    subprocess.run("ls -l | wc -l", shell=True)
    # ok: python.subprocess-shell-true
    subprocess.run(path, shell=False)

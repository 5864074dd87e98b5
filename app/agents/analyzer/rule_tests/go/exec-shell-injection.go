package build

import (
	"context"
	"os/exec"
)

func Clone(ctx context.Context, url string, dir string) error {
	// ruleid: go.exec-shell-injection
	if err := exec.Command("sh", "-c", "git clone "+url+" "+dir).Run(); err != nil {
		return err
	}
	script := "tar czf out.tgz " + dir
	// ruleid: go.exec-shell-injection
	_ = exec.CommandContext(ctx, "/bin/bash", "-c", script).Run()
	// ok: go.exec-shell-injection
	_ = exec.CommandContext(ctx, "git", "clone", "--", url, dir).Run()
	// ok: go.exec-shell-injection
	return exec.Command("sh", "-c", "ls -l | wc -l").Run()
}

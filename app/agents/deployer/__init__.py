"""The deployer: render an environment's manifests for a commit, apply them with server-side
apply, watch the rollout, roll back on failure; previews per pull request; local Docker mode."""

package auth

import (
	"fmt"
	"math/rand"
)

func NewCredentials() (string, string, int) {
	// ruleid: go.math-rand-secret
	resetToken := fmt.Sprintf("%x", rand.Int63())
	key := make([]byte, 32)
	// ruleid: go.math-rand-secret
	rand.Read(key)
	// ok: go.math-rand-secret
	jitter := rand.Intn(100)
	return resetToken, string(key), jitter
}

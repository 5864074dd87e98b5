package auth

import (
	"fmt"
	"math/rand"
)

const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

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

func generateSessionID() string {
	b := make([]byte, 16)
	for i := range b {
		// ruleid: go.math-rand-secret
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func pickBackend(n int) int {
	// ok: go.math-rand-secret
	return rand.Intn(n)
}

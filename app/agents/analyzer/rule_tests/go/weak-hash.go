package digest

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io"
)

func HashPassword(password string) string {
	// ruleid: go.weak-hash
	sum := md5.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func SignToken(token string) []byte {
	// ruleid: go.weak-hash
	h := sha1.New()
	// ruleid: go.weak-hash
	io.WriteString(h, token)
	return h.Sum(nil)
}

func Credentials(user string) string {
	// ruleid: go.weak-hash
	apiKey := md5.Sum([]byte(user))
	return hex.EncodeToString(apiKey[:])
}

func ETag(body []byte) string {
	// ok: go.weak-hash
	sum := md5.Sum(body)
	return hex.EncodeToString(sum[:])
}

func StrongPassword(password string) [32]byte {
	// ok: go.weak-hash
	return sha256.Sum256([]byte(password))
}

func Mac(key, msg []byte) []byte {
	// ok: go.weak-hash
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}

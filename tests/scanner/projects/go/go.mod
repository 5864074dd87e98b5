module github.com/acme/inventory

go 1.21

toolchain go1.21.5

require (
	github.com/gin-gonic/gin v1.9.1
	github.com/jackc/pgx/v5 v5.5.1
	go.uber.org/zap v1.26.0
)

require github.com/stretchr/testify v1.8.4

require (
	github.com/bytedance/sonic v1.10.2 // indirect
	golang.org/x/net v0.19.0 // indirect
)

replace go.uber.org/zap => go.uber.org/zap v1.27.0

replace github.com/acme/shared => ../shared

# ruleid: dockerfile.latest-tag
FROM node:latest AS build
# ruleid: dockerfile.latest-tag
FROM --platform=linux/amd64 ghcr.io/acme/base:latest
# ok: dockerfile.latest-tag
FROM node:20.11-alpine
# ok: dockerfile.latest-tag
FROM python:3.12-slim@sha256:2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743

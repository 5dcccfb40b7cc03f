# syntax=docker/dockerfile:1
# The rapid-java image: the daemon as the container's PID 1, a drop-in for aws-lambda-rie (README, "Deploying").
# The build stage runs bin/image, the script CI runs and tests, so the two cannot drift; the final stage gets only
# what it assembled (/opt/rapid and the launcher in /usr/local/bin).
#   docker build -t rapid-java .
#   docker run -p 9000:8080 -v "$PWD/fn:/var/task:ro" rapid-java    (fn/bootstrap: a runtime that runs on Debian)
#   curl -d '{"name":"world"}' localhost:9000/2015-03-31/functions/function/invocations
FROM eclipse-temurin:25-jdk AS build
# curl for the AOT training's invokes, binutils' strip for libjvm.so
RUN apt-get update && apt-get install -y --no-install-recommends curl binutils && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bin/image /image

# any glibc 2.29+ base with /bin/sh and coreutils 8.31+ (env --block-signal); bash for bash functions
FROM debian:bookworm-slim
COPY --from=build /image/ /
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/rapid"]

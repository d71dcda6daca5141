# sslcertlint in a container: built on Debian 12, run from a slim image
# with the runtime libraries only.
#   docker build -t sslcertlint .
#   docker build --build-arg GIT_COMMIT="$(git describe --always --dirty)" -t sslcertlint .
#   docker run --rm -v "$PWD:/work:ro" sslcertlint --fleet snapshots/
# (the build context has no .git, so --version names a commit only when
# GIT_COMMIT is given)
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev make pkg-config \
        libjansson-dev libxml2-dev libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Makefile ./
COPY linter/ linter/
COPY rules/ rules/
COPY tools/ tools/
ARG GIT_COMMIT=
RUN make -j"$(nproc)" GIT_COMMIT="$GIT_COMMIT" sslcertlint \
 && ./sslcertlint --version

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjansson4 libxml2 libssl3 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/sslcertlint /usr/local/bin/sslcertlint
WORKDIR /work
ENTRYPOINT ["sslcertlint"]

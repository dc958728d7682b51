# Builds the swift-gpu-operator image. Build context: the repository root.
#   docker build -t ghcr.io/swift-gpu-operator/operator:0.1.0 .
FROM swift:6.2-jammy AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product operator --static-swift-stdlib \
    && install -D "$(swift build -c release --show-bin-path)/operator" /out/operator

FROM ubuntu:22.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/operator /usr/local/bin/operator
# The validator's name in every operand template (`operator validate`, COMPONENT from the
# environment): the validator DaemonSet and the validation init containers run this image.
RUN ln -s operator /usr/local/bin/nvidia-validator
COPY config/crd /opt/gpu-operator/crd
ENV MALLOC_ARENA_MAX=2
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/operator"]
CMD ["run"]

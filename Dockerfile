# syntax=docker/dockerfile:1
# One image per service: docker build --build-arg MODULE=llm-worker -t byok/llm-worker .
# (docker-compose.yml builds all three.)
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
# The Maven wrapper and the POMs first, then the dependencies into a cache that outlives the build:
# a change to the sources alone downloads nothing again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY shared-model/pom.xml shared-model/
COPY config-store/pom.xml config-store/
COPY provider-clients/pom.xml provider-clients/
COPY provider-simulator/pom.xml provider-simulator/
COPY config-service/pom.xml config-service/
COPY review-dispatcher/pom.xml review-dispatcher/
COPY llm-worker/pom.xml llm-worker/
COPY local-stack/pom.xml local-stack/
COPY cli/pom.xml cli/
COPY system-tests/pom.xml system-tests/
COPY bench/pom.xml bench/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl ${MODULE} -am dependency:go-offline -DexcludeReactor=true \
    || echo "some dependencies will be fetched by the build below"
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl ${MODULE} -am package
# Spring Boot's layers: dependencies, the loader, snapshot dependencies, then the application, each
# its own image layer, so a code change ships only the last one.
RUN java -Djarmode=tools -jar ${MODULE}/target/${MODULE}.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:21-jre
# The directory of the master key file: a volume shared by config-service and the workers.
RUN mkdir -p /var/lib/byok && chown 10001 /var/lib/byok
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001
ENV BYOK_MASTER_KEY_FILE=/var/lib/byok/master.key
# G1, chosen by measurement (docs/BENCHMARKS.md, "Garbage collection"): shorter worst pauses than
# Parallel and better permit efficiency than generational ZGC on 2 busy cores. Named explicitly: in
# a container with fewer than 2 CPUs or under 1792 MB the JVM would pick Serial on its own.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseG1GC", "org.springframework.boot.loader.launch.JarLauncher"]

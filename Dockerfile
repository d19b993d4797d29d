# One image per service: docker build --build-arg MODULE=llm-worker -t byok/llm-worker .
# (docker-compose.yml builds all three.)
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:21-jre
ARG MODULE
# The directory of the master key file: a volume shared by config-service and the workers.
RUN mkdir -p /var/lib/byok && chown 10001 /var/lib/byok
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/service.jar
USER 10001
ENV BYOK_MASTER_KEY_FILE=/var/lib/byok/master.key
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]

# The InnoKG API image (used by docker-compose.yml against Neo4j).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY app ./app
COPY ingest ./ingest
COPY cypher ./cypher
COPY data ./data
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["innokg", "serve"]

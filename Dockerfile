# Coach's HTTP service: the int8 ONNX model, onnxruntime and tokenizers only (no torch at serving time).
#   docker build -t coach . && docker run -p 8000:8000 coach
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 COACH_THREADS=2
WORKDIR /app

COPY pyproject.toml README.md ./
COPY coach ./coach
COPY models ./models
RUN pip install --no-cache-dir ".[api]" && useradd --create-home coach
# The package is installed into site-packages; models/ is found through COACH_MODELS_DIR.
ENV COACH_MODELS_DIR=/app/models

USER coach
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health')"
# One worker: live sessions live in the worker's memory, so a second worker could not resume the first one's sessions
# (a shared store is not built yet). The model still uses both cores (COACH_THREADS=2).
CMD ["coach", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "1"]

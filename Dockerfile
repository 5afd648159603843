# Coach's HTTP service: the int8 ONNX model, onnxruntime and tokenizers only (no torch at serving time).
#   docker build -t coach . && docker run -p 8000:8000 coach
FROM python:3.11-slim

# One model thread per worker: two workers use both cores.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 COACH_THREADS=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY coach ./coach
COPY models ./models
RUN pip install --no-cache-dir ".[api]" && useradd --create-home coach && mkdir /data && chown coach /data
# The package is installed into site-packages; models/ is found through COACH_MODELS_DIR. The sets' database and the
# live sessions go to /data (mount a volume there to keep them), or to PostgreSQL with COACH_DATABASE_URL.
ENV COACH_MODELS_DIR=/app/models COACH_DATABASE_URL=sqlite:////data/coach.db

USER coach
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health')"
VOLUME /data
# Two workers share the database: a live session resumes on either, and after a restart.
CMD ["coach", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]

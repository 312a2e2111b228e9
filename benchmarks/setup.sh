#!/usr/bin/env bash
# Everything `python -m benchmarks run` needs on a fresh Debian machine, run as root from the
# repository root: fonts for the synthetic set, Tesseract and OpenCV's sample photos, flite
# for the spoken clips, Chromaprint and g++ for the reference banks (pdqhash builds from
# source), then the Python side. presidio-image-redactor is installed without its
# dependencies because it pins the GUI build of OpenCV, which breaks `import cv2` beside the
# headless build vmscreen uses; the bench extra lists the dependencies it really imports.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq fonts-dejavu-core fonts-liberation fonts-freefont-ttf tesseract-ocr flite \
    libchromaprint1 libchromaprint-tools g++ chromium chromium-driver \
    opencv-doc >/dev/null
python3 -m pip install --quiet --root-user-action=ignore -e '.[bench]'
python3 -m pip install --quiet --root-user-action=ignore --no-deps 'presidio-image-redactor==0.0.62'

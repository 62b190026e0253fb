"""Image understanding without model weights: OCR, segmentation, layout analysis."""

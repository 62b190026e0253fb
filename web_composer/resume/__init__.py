"""Resumes: every common format in, one validated JSON Resume model, a personal homepage out.

    from web_composer.resume import load_resume, resume_to_markdown, check_coverage
    resume = load_resume(Path("cv.pdf"))        # .json .yaml .md .txt .pdf .docx LinkedIn .zip
    resume.to_dict()                            # JSON Resume (jsonresume.org schema)
    resume_to_markdown(resume)                  # what model backends are fed
    check_coverage(resume, html)                # which fields the page shows, which it lacks

Parsers (``text``, ``pdf``, ``word``, ``linkedin``) produce a layout-free document that
``structure`` turns into the model; the built-in themes live in ``themes``.
"""

from .coverage import check_coverage
from .load import FORMATS, load_resume
from .markdown import resume_to_markdown
from .model import Resume

__all__ = ["FORMATS", "Resume", "check_coverage", "load_resume", "resume_to_markdown"]

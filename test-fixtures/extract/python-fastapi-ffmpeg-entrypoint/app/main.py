import subprocess
import tempfile

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/thumbnail")
async def thumbnail(video: UploadFile):
    with tempfile.NamedTemporaryFile(suffix=".mp4") as src:
        src.write(await video.read())
        src.flush()
        out = "/tmp/thumbs/" + (video.filename or "clip") + ".jpg"
        subprocess.run(["ffmpeg", "-y", "-i", src.name, "-frames:v", "1", out], check=True)
    return {"thumbnail": out}

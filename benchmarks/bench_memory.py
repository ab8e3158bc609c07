"""Peak memory of `claims extract` and `claims ingest` on one long article.

    python3 benchmarks/bench_memory.py              # a 19 MB article
    python3 benchmarks/bench_memory.py --mb 4

The article repeats news-like Vietnamese sentences (written for this benchmark, about as
dense in figures as real news: one sentence in three or four holds some), three to a
paragraph. Each command runs in a child process; its peak resident memory is read from
the operating system when it ends. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    (
        "Theo Tổng cục Thống kê, trong 9 tháng đầu năm 2024, kim ngạch xuất khẩu đạt khoảng 290 tỷ USD, "
        "tăng 15,4% so với cùng kỳ năm trước."
    ),
    "Các doanh nghiệp cho biết đơn hàng đã phục hồi rõ rệt từ giữa năm, nhất là ở nhóm hàng dệt may, da giày và đồ gỗ.",
    (
        "Nhiều chuyên gia nhận định đà tăng trưởng này còn phụ thuộc vào nhu cầu tại các thị trường lớn như Mỹ, "
        "châu Âu và Nhật Bản."
    ),
    "Cơn bão đã làm 59 người chết, hơn 200 người bị thương tại các tỉnh phía Bắc.",
    (
        "Chính quyền địa phương đã huy động lực lượng quân đội, "
        "công an và thanh niên tình nguyện giúp người dân dọn dẹp nhà cửa sau bão."
    ),
    (
        "Người dân ở vùng trũng được khuyến cáo không quay về nhà khi nước lũ chưa rút hẳn "
        "và cần theo dõi sát thông tin dự báo thời tiết."
    ),
    "Sáng 27/9, UBND thành phố Hà Nội cho biết đã chi gần 2.500 tỷ đồng để hỗ trợ các hộ dân bị ảnh hưởng.",
    (
        "Ông Nguyễn Văn An, một người dân sống ven sông, "
        "kể rằng gia đình ông đã phải di chuyển toàn bộ đồ đạc lên tầng hai trong đêm."
    ),
    "Theo ông, mực nước năm nay dâng nhanh hơn mọi năm và nhiều hộ gia đình không kịp chuẩn bị.",
    "Giá xăng giảm 320 đồng mỗi lít, áp dụng từ 15 giờ chiều nay.",
    (
        "Liên Bộ Công Thương - Tài chính cho biết việc điều chỉnh giá nhằm bảo đảm nguồn cung "
        "và phù hợp với diễn biến của thị trường thế giới."
    ),
    "Các cửa hàng bán lẻ trên địa bàn thành phố vẫn hoạt động bình thường, không xảy ra tình trạng khan hàng.",
    "Tỉnh Quảng Ninh đón hơn 15 triệu lượt khách du lịch, trong đó có 3,2 triệu lượt khách quốc tế.",
    "Ngành du lịch địa phương đang tập trung phát triển các sản phẩm mới gắn với biển đảo, văn hóa và ẩm thực.",
    "Đại diện sở cho biết sẽ tiếp tục phối hợp với các hãng hàng không để mở thêm đường bay trực tiếp.",
    "Ngân hàng Nhà nước giữ lãi suất điều hành ở mức 4,5% trong quý III/2024.",
]


def write_article(path: Path, megabytes: float) -> int:
    target, size, paragraphs = int(megabytes * 1e6), 0, []
    while size < target:
        index = len(paragraphs)
        paragraph = " ".join(SENTENCES[(3 * index + k) % len(SENTENCES)] for k in range(3))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    data = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
    path.write_bytes(data)
    return len(data)


def peak_rss(command: list[str]) -> tuple[float, float]:
    """(peak resident MB, seconds) of one child process."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{' '.join(command)} exited {child.returncode}: {child.stderr.read().decode(errors='replace')}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=19.0, help="size of the article in MB")
    args = parser.parse_args()
    claims = [sys.executable, "-m", "claims"]
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "long-article.txt"
        size = write_article(article, args.mb)
        limit = str(size + 1)
        print(f"article: {size / 1e6:.1f} MB")
        runs = {
            "claims extract -f jsonl": [*claims, "extract", str(article), "--max-bytes", limit, "-f", "jsonl"],
            "claims ingest (SQLite)": [
                *claims,
                "ingest",
                "--db",
                f"sqlite:///{Path(folder) / 'claims.db'}",
                str(article),
                "--max-bytes",
                limit,
            ],
        }
        for name, command in runs.items():
            rss, seconds = peak_rss(command)
            print(f"{name}: peak RSS {rss:.0f} MB, {seconds:.0f} s")


if __name__ == "__main__":
    main()

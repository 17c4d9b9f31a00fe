/** Unified diffs of uncommitted changes, assembled from hunks with correct line counts. */

interface Hunk {
  /** Line number in the old file where the hunk starts. */
  start: number;
  /** Lines prefixed with ' ', '-' or '+'. */
  lines: string[];
}

interface FileChange {
  path: string;
  hunks: Hunk[];
}

function renderHunk(h: Hunk, shift: number): { text: string; delta: number } {
  const oldCount = h.lines.filter((l) => l[0] !== '+').length;
  const newCount = h.lines.filter((l) => l[0] !== '-').length;
  const header = `@@ -${h.start},${oldCount} +${h.start + shift},${newCount} @@`;
  return { text: [header, ...h.lines].join('\n'), delta: newCount - oldCount };
}

function renderFile(f: FileChange, indexFrom: string, indexTo: string): string {
  let shift = 0;
  const parts = [`diff --git a/${f.path} b/${f.path}`, `index ${indexFrom}..${indexTo} 100644`, `--- a/${f.path}`, `+++ b/${f.path}`];
  for (const h of [...f.hunks].sort((a, b) => a.start - b.start)) {
    const r = renderHunk(h, shift);
    parts.push(r.text);
    shift += r.delta;
  }
  return parts.join('\n');
}

/** Library of plausible edits a researcher leaves uncommitted. Keys are stable names. */
export const HUNKS: Record<string, { path: string; hunk: Hunk }> = {
  'train.amp': {
    path: 'train.py',
    hunk: {
      start: 88,
      lines: [
        '     model = build_model(args.arch, num_classes=10, dropout=args.dropout)',
        '     model = model.to(device)',
        '-    scaler = None',
        '+    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)',
        '+    if args.amp:',
        '+        logger.info("mixed precision enabled")',
        '     optimizer = build_optimizer(model, args)',
      ],
    },
  },
  'train.clip': {
    path: 'train.py',
    hunk: {
      start: 131,
      lines: [
        '         loss = criterion(outputs, targets)',
        '         optimizer.zero_grad(set_to_none=True)',
        '         loss.backward()',
        '+        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=5.0)',
        '         optimizer.step()',
        '         scheduler.step()',
      ],
    },
  },
  'train.log_every': {
    path: 'train.py',
    hunk: {
      start: 142,
      lines: [
        '         if it % args.val_every == 0:',
        '-            val_loss, val_acc = evaluate(model, val_loader, device)',
        '+            val_loss, val_acc = evaluate(model, val_loader, device, tta=args.tta)',
        '             task_logger.report_scalar("loss", "val", val_loss, iteration=it)',
        '             task_logger.report_scalar("accuracy", "val", val_acc, iteration=it)',
      ],
    },
  },
  'train.seed': {
    path: 'train.py',
    hunk: {
      start: 41,
      lines: [
        ' def set_seed(seed: int) -> None:',
        '     random.seed(seed)',
        '     np.random.seed(seed)',
        '     torch.manual_seed(seed)',
        '-    torch.backends.cudnn.benchmark = True',
        '+    torch.cuda.manual_seed_all(seed)',
        '+    torch.backends.cudnn.deterministic = True',
        '+    torch.backends.cudnn.benchmark = False',
      ],
    },
  },
  'model.dropout': {
    path: 'models/resnet.py',
    hunk: {
      start: 97,
      lines: [
        '         self.avgpool = nn.AdaptiveAvgPool2d((1, 1))',
        '-        self.fc = nn.Linear(512 * block.expansion, num_classes)',
        '+        self.dropout = nn.Dropout(p=dropout)',
        '+        self.fc = nn.Linear(512 * block.expansion, num_classes)',
        ' ',
        '     def forward(self, x: torch.Tensor) -> torch.Tensor:',
      ],
    },
  },
  'model.forward': {
    path: 'models/resnet.py',
    hunk: {
      start: 118,
      lines: [
        '         x = self.avgpool(x)',
        '         x = torch.flatten(x, 1)',
        '-        return self.fc(x)',
        '+        return self.fc(self.dropout(x))',
      ],
    },
  },
  'aug.cutout': {
    path: 'data/augment.py',
    hunk: {
      start: 23,
      lines: [
        ' def train_transforms(args):',
        '     ops = [',
        '         T.RandomCrop(32, padding=4),',
        '         T.RandomHorizontalFlip(),',
        '+        T.RandAugment(num_ops=2, magnitude=args.randaug_m),',
        '         T.ToTensor(),',
        '         T.Normalize(CIFAR_MEAN, CIFAR_STD),',
        '     ]',
        '+    if args.cutout > 0:',
        '+        ops.append(Cutout(size=args.cutout))',
        '     return T.Compose(ops)',
      ],
    },
  },
  'aug.mixup': {
    path: 'data/augment.py',
    hunk: {
      start: 58,
      lines: [
        ' def mixup(x, y, alpha=0.2):',
        '-    lam = np.random.beta(alpha, alpha)',
        '+    lam = float(np.random.beta(alpha, alpha)) if alpha > 0 else 1.0',
        '     index = torch.randperm(x.size(0), device=x.device)',
        '     mixed = lam * x + (1 - lam) * x[index]',
      ],
    },
  },
  'config.workers': {
    path: 'configs/default.yaml',
    hunk: {
      start: 12,
      lines: [' data:', '   root: /datasets/cifar10', '-  num_workers: 4', '+  num_workers: 8', '   pin_memory: true'],
    },
  },
  'config.sched': {
    path: 'configs/default.yaml',
    hunk: {
      start: 27,
      lines: [' scheduler:', '-  name: step', '-  milestones: [25, 37]', '+  name: cosine', '+  warmup_iters: 100', '   gamma: 0.1'],
    },
  },
  'kws.specaug': {
    path: 'kws/features.py',
    hunk: {
      start: 34,
      lines: [
        ' class LogMel(nn.Module):',
        '     def __init__(self, sample_rate=16000, n_mels=40, n_fft=400, hop_length=160):',
        '         super().__init__()',
        '-        self.mel = torchaudio.transforms.MelSpectrogram(sample_rate, n_fft=n_fft, n_mels=n_mels)',
        '+        self.mel = torchaudio.transforms.MelSpectrogram(',
        '+            sample_rate, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels)',
        '+        self.specaug = nn.Sequential(T.FrequencyMasking(8), T.TimeMasking(20))',
      ],
    },
  },
  'kws.train': {
    path: 'kws/train.py',
    hunk: {
      start: 77,
      lines: [
        '     for it, (wave, label) in enumerate(loader, start=1):',
        '-        feats = frontend(wave.to(device))',
        '+        feats = frontend(wave.to(device, non_blocking=True))',
        '+        if args.specaugment:',
        '+            feats = frontend.specaug(feats)',
        '         logits = model(feats)',
      ],
    },
  },
};

/** Builds a unified diff from the named hunks (grouped by file, files in first-mention order). */
export function buildDiff(hunkNames: string[], salt: string): string {
  if (hunkNames.length === 0) return '';
  const files = new Map<string, Hunk[]>();
  for (const name of hunkNames) {
    const h = HUNKS[name];
    if (!h) throw new Error(`unknown hunk ${name}`);
    if (!files.has(h.path)) files.set(h.path, []);
    files.get(h.path)!.push(h.hunk);
  }
  let n = 0;
  const out: string[] = [];
  for (const [path, hunks] of files) {
    const idx = (k: number) => shortHash(`${salt}:${path}:${k}:${n}`);
    out.push(renderFile({ path, hunks }, idx(0), idx(1)));
    n++;
  }
  return out.join('\n') + '\n';
}

function shortHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ s.charCodeAt(i), 0x5bd1e995);
  }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')).slice(0, 7);
}

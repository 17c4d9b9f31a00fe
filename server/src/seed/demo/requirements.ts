/** pip freeze style requirement lists with realistic ML packages. */

export const BASE_REQUIREMENTS: [string, string][] = [
  ['absl-py', '2.1.0'], ['aiohttp', '3.9.3'], ['aiosignal', '1.3.1'], ['albumentations', '1.3.1'],
  ['antlr4-python3-runtime', '4.9.3'], ['anyio', '4.2.0'], ['attrs', '23.2.0'], ['boto3', '1.34.34'],
  ['botocore', '1.34.34'], ['cachetools', '5.3.2'], ['certifi', '2024.2.2'], ['charset-normalizer', '3.3.2'],
  ['clearml', '1.14.2'], ['click', '8.1.7'], ['cloudpickle', '3.0.0'], ['contourpy', '1.2.0'],
  ['cycler', '0.12.1'], ['datasets', '2.16.1'], ['dill', '0.3.7'], ['einops', '0.7.0'],
  ['filelock', '3.13.1'], ['fonttools', '4.47.2'], ['frozenlist', '1.4.1'], ['fsspec', '2023.12.2'],
  ['furl', '2.1.3'], ['google-auth', '2.27.0'], ['google-auth-oauthlib', '1.2.0'], ['grpcio', '1.60.1'],
  ['huggingface-hub', '0.20.3'], ['hydra-core', '1.3.2'], ['idna', '3.6'], ['imageio', '2.33.1'],
  ['jinja2', '3.1.3'], ['jmespath', '1.0.1'], ['joblib', '1.3.2'], ['jsonschema', '4.21.1'],
  ['jsonschema-specifications', '2023.12.1'], ['kiwisolver', '1.4.5'], ['lazy-loader', '0.3'], ['lightning-utilities', '0.10.1'],
  ['markdown', '3.5.2'], ['markupsafe', '2.1.5'], ['matplotlib', '3.8.2'], ['mpmath', '1.3.0'],
  ['multidict', '6.0.5'], ['multiprocess', '0.70.15'], ['networkx', '3.2.1'], ['numpy', '1.26.3'],
  ['nvidia-cublas-cu12', '12.1.3.1'], ['nvidia-cuda-cupti-cu12', '12.1.105'], ['nvidia-cuda-nvrtc-cu12', '12.1.105'], ['nvidia-cuda-runtime-cu12', '12.1.105'],
  ['nvidia-cudnn-cu12', '8.9.2.26'], ['nvidia-cufft-cu12', '11.0.2.54'], ['nvidia-curand-cu12', '10.3.2.106'], ['nvidia-cusolver-cu12', '11.4.5.107'],
  ['nvidia-cusparse-cu12', '12.1.0.106'], ['nvidia-nccl-cu12', '2.19.3'], ['nvidia-nvjitlink-cu12', '12.3.101'], ['nvidia-nvtx-cu12', '12.1.105'],
  ['oauthlib', '3.2.2'], ['omegaconf', '2.3.0'], ['opencv-python-headless', '4.9.0.80'], ['orderedmultidict', '1.0.1'],
  ['packaging', '23.2'], ['pandas', '2.2.0'], ['pathlib2', '2.3.7.post1'], ['pillow', '10.2.0'],
  ['platformdirs', '4.2.0'], ['protobuf', '4.25.2'], ['psutil', '5.9.8'], ['pyarrow', '15.0.0'],
  ['pyasn1', '0.5.1'], ['pyasn1-modules', '0.3.0'], ['pyjwt', '2.8.0'], ['pyparsing', '3.1.1'],
  ['python-dateutil', '2.8.2'], ['pytorch-lightning', '2.1.4'], ['pytz', '2024.1'], ['pyyaml', '6.0.1'],
  ['referencing', '0.33.0'], ['regex', '2023.12.25'], ['requests', '2.31.0'], ['requests-oauthlib', '1.3.1'],
  ['rich', '13.7.0'], ['rpds-py', '0.17.1'], ['rsa', '4.9'], ['s3transfer', '0.10.0'],
  ['safetensors', '0.4.2'], ['scikit-image', '0.22.0'], ['scikit-learn', '1.4.0'], ['scipy', '1.12.0'],
  ['six', '1.16.0'], ['sympy', '1.12'], ['tensorboard', '2.15.1'], ['tensorboard-data-server', '0.7.2'],
  ['threadpoolctl', '3.2.0'], ['tifffile', '2024.1.30'], ['timm', '0.9.12'], ['tokenizers', '0.15.1'],
  ['torch', '2.2.0'], ['torchmetrics', '1.3.0.post0'], ['torchvision', '0.17.0'], ['tqdm', '4.66.1'],
  ['triton', '2.2.0'], ['typing-extensions', '4.9.0'], ['tzdata', '2023.4'], ['urllib3', '2.0.7'],
  ['werkzeug', '3.0.1'], ['xxhash', '3.4.1'], ['yarl', '1.9.4'],
];

export interface RequirementChanges {
  /** name -> version overrides */
  versions?: Record<string, string>;
  add?: [string, string][];
  remove?: string[];
}

export function requirementsText(changes: RequirementChanges = {}, base = BASE_REQUIREMENTS): string {
  const map = new Map(base);
  for (const name of changes.remove ?? []) map.delete(name);
  for (const [name, version] of Object.entries(changes.versions ?? {})) map.set(name, version);
  for (const [name, version] of changes.add ?? []) map.set(name, version);
  return [...map.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([n, v]) => `${n}==${v}`)
    .join('\n') + '\n';
}

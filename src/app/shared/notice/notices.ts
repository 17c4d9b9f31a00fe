import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBarConfig, MatSnackBarRef, TextOnlySnackBar } from '@angular/material/snack-bar';

/**
 * Short notices at the bottom of the page (Material's snack bar). The snack bar's code (and its
 * overlay) loads the first time a notice is shown, not with the page that may show one.
 */
@Injectable({ providedIn: 'root' })
export class Notices {
  private readonly injector = inject(Injector);

  async show(message: string, action: string, config: MatSnackBarConfig): Promise<MatSnackBarRef<TextOnlySnackBar>> {
    const { MatSnackBar } = await import('@angular/material/snack-bar');
    return this.injector.get(MatSnackBar).open(message, action, config);
  }
}

import { ChangeDetectionStrategy, Component, Injector, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Observable } from 'rxjs';

export interface SignInData {
  login(access: string, secret: string): Observable<void>;
}

/** Access key + secret key → auth.login. Closes once signed in; it cannot be dismissed. */
@Component({
  selector: 'app-sign-in-dialog',
  imports: [MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Sign in</h2>
    <form (submit)="submit($event, access.value, secret.value)">
      <mat-dialog-content>
        <p class="hint">This server needs an access key. Ask whoever runs it for a key and its secret.</p>
        <mat-form-field appearance="outline">
          <mat-label>Access key</mat-label>
          <input matInput #access name="access" autocomplete="username" required />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Secret key</mat-label>
          <input matInput #secret name="secret" type="password" autocomplete="current-password" required />
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
    }
    .hint {
      margin-top: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class SignInDialog {
  private readonly data = inject<SignInData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<SignInDialog>);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(event: Event, access: string, secret: string) {
    event.preventDefault();
    if (this.busy()) return;
    if (!access.trim() || !secret) {
      this.error.set('Enter an access key and its secret key.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.data.login(access.trim(), secret).subscribe({
      next: () => this.ref.close(true),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(err instanceof Error ? err.message : 'Signing in failed.');
      },
    });
  }
}

/** Opens the form; the observable emits when the user has signed in. */
export function openSignInDialog(injector: Injector, data: SignInData): Observable<unknown> {
  return injector
    .get(MatDialog)
    .open(SignInDialog, { data, disableClose: true, autoFocus: 'first-tabbable', width: '380px', ariaLabel: 'Sign in' })
    .afterClosed();
}
